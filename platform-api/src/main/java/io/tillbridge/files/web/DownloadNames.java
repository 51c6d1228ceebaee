package io.tillbridge.files.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code Content-Disposition} of a download, safe whatever the name holds (RFC 6266). */
final class DownloadNames {

    private DownloadNames() {
    }

    /**
     * {@code attachment} with an ASCII {@code filename} (anything else, quotes, backslashes, slashes and
     * control characters replaced by {@code _}) and the exact name as UTF-8 in {@code filename*}.
     */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '/'
                && cp != ';' ? (char) cp : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
