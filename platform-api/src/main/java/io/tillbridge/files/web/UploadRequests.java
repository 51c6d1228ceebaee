package io.tillbridge.files.web;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ParseException;

/** What an upload request says about its file beyond its bytes. */
final class UploadRequests {

    private UploadRequests() {
    }

    /**
     * The file name of a {@code Content-Disposition} header ({@code attachment; filename="sales.csv"},
     * or RFC 5987's {@code filename*=UTF-8''...}, parsed by Jakarta Mail's MIME parameter parser);
     * null when there is none or the header cannot be parsed. The name is sanitised later.
     */
    static String dispositionName(String header) {
        if (header == null || header.isBlank() || header.length() > 4096) {
            return null;
        }
        try {
            ContentDisposition disposition = new ContentDisposition(header);
            String name = disposition.getParameter("filename");
            return name == null || name.isBlank() ? null : name;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
