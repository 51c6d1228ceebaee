package io.tillbridge.network;

import java.net.InetAddress;
import java.util.Optional;

/** IP address literals as forwarding headers carry them (brackets, ports, zones), parsed without a name lookup. */
final class IpLiterals {

    private IpLiterals() {
    }

    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.startsWith("[") && value.contains("]")) {
            value = value.substring(1, value.indexOf(']'));
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':') && value.contains(".")) {
            value = value.substring(0, value.indexOf(':'));
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        boolean v4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = value.indexOf(':') >= 0 && value.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : value.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // A literal of this form is parsed, never looked up.
            return Optional.of(InetAddress.getByName(value));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
