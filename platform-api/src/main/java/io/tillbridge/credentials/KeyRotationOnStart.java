package io.tillbridge.credentials;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation as an operator does it: configure the new KEK as active and the old one among the
 * previous KEKs, roll the processes; each worker process then re-wraps, in the background, every
 * data key still wrapped by another KEK ({@link SecretVault#rotate}). Several processes doing so at
 * once is safe. When the log says the rotation is complete, the old KEK can be removed. Off with
 * {@code tillbridge.secrets.rewrap-on-start=false}.
 */
@Singleton
@Requires(property = "tillbridge.roles.worker", value = "true", defaultValue = "true")
@Requires(property = "tillbridge.secrets.rewrap-on-start", value = "true", defaultValue = "true")
public class KeyRotationOnStart {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationOnStart.class);

    private final KeyEncryptionKeys keys;
    private final SecretVault vault;
    private volatile CompletableFuture<SecretVault.Rotation> rotation = CompletableFuture.completedFuture(null);

    public KeyRotationOnStart(KeyEncryptionKeys keys, SecretVault vault) {
        this.keys = keys;
        this.vault = vault;
    }

    @EventListener
    void start(StartupEvent event) {
        if (!keys.configured() || keys.ids().size() < 2) {
            return;
        }
        String active = keys.active().id();
        LOG.info("Previous KEKs are configured: re-wrapping data keys with KEK {} in the background", active);
        rotation = CompletableFuture.supplyAsync(() -> vault.rotate(active), runnable -> {
            Thread thread = new Thread(runnable, "kek-rotation");
            thread.setDaemon(true);
            thread.start();
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.error("Re-wrapping data keys with KEK {} stopped; it is retried at the next start", active, failure);
            }
        });
    }

    /** The rotation this process started (a completed null when none was needed). */
    public CompletableFuture<SecretVault.Rotation> rotation() {
        return rotation;
    }
}
