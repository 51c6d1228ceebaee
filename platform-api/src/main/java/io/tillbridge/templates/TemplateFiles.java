package io.tillbridge.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The template files shipped on the class path: every {@code templates/<id>.json}, in a directory
 * (a build's classes) or in a jar, read as UTF-8 text. A template is data of the release, so this
 * is read once, at start-up. The largest file read is {@value #MAX_BYTES} bytes: a larger one is
 * refused rather than read.
 */
final class TemplateFiles {

    /** Where templates live on the class path. */
    static final String FOLDER = "templates";
    /** The largest template file read. */
    static final int MAX_BYTES = 256 * 1024;

    private TemplateFiles() {
    }

    /** File name ({@code pos-orders-to-warehouse.json}) to its text, sorted by name. */
    static Map<String, String> onClassPath(ClassLoader loader) {
        Map<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(FOLDER);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    fromDirectory(Path.of(root.toURI()), files);
                } else if ("jar".equals(root.getProtocol())) {
                    fromJar(root, files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the template files cannot be read", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the templates folder has an unreadable address", e);
        }
        return files;
    }

    private static void fromDirectory(Path folder, Map<String, String> files) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(path)) {
                    put(files, path.getFileName().toString(), in);
                }
            }
        }
    }

    private static void fromJar(URL root, Map<String, String> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String prefix = connection.getEntryName() + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".json") && name.indexOf('/', prefix.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        put(files, name.substring(prefix.length()), in);
                    }
                }
            }
        }
    }

    private static void put(Map<String, String> files, String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalStateException("the template file " + FOLDER + "/" + name + " is larger than "
                    + MAX_BYTES + " bytes");
        }
        if (files.putIfAbsent(name, new String(bytes, StandardCharsets.UTF_8)) != null) {
            throw new IllegalStateException("two template files on the class path are named " + FOLDER + "/" + name);
        }
    }
}
