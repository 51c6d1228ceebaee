package io.tillbridge.partners.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.Caller.PartnerScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A new API key: a name to recognise it by, and what it may do in the tenants that let the partner in. */
@Serdeable
@Schema(name = "CreatePartnerKeyRequest")
public record CreatePartnerKeyRequest(
        @NotBlank @Size(max = 100) @Schema(example = "production sync") String name,
        @NotEmpty @Size(max = 3)
        @ArraySchema(schema = @Schema(allowableValues = {"read", "write", "admin"}), arraySchema = @Schema(
                example = "[\"read\"]", description = "read: read everything; write: also operate and configure;"
                        + " admin: also manage members"))
        List<@NotNull @Pattern(regexp = "read|write|admin", message = "must be read, write or admin") String> scopes) {

    public Set<PartnerScope> scopeSet() {
        Set<PartnerScope> set = EnumSet.noneOf(PartnerScope.class);
        scopes.forEach(s -> set.add(PartnerScope.fromWire(s)));
        return set;
    }
}
