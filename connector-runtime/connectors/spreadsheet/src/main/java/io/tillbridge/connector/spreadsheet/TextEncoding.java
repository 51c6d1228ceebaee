package io.tillbridge.connector.spreadsheet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The character encoding of a text file, from its first bytes. The rule, in order:
 * <ol>
 * <li>a byte order mark names it (UTF-8, UTF-16LE, UTF-16BE) and is skipped;</li>
 * <li>without one, text where every other byte is zero is UTF-16 (little or big endian by where
 * the zeros are), as tools that write "Unicode text" without a mark produce;</li>
 * <li>bytes that are valid UTF-8 are UTF-8 (plain ASCII is too): other single-byte encodings
 * almost never form valid multi-byte UTF-8 sequences by accident;</li>
 * <li>anything else is windows-1252, which is what spreadsheet programs on Western European and
 * American systems write ("ANSI"): a superset of ISO-8859-1's printable characters, so Latin-1 text
 * (é, ü, ñ) reads right too, and the euro sign and typographic quotes of 1252 as well.</li>
 * </ol>
 * Other legacy encodings (Shift-JIS, windows-1251, ...) are not guessed: the connection's
 * {@code encoding} setting names them. No statistical detector is used, so the same bytes always
 * give the same answer, and the rule can be told to a merchant in one sentence.
 */
final class TextEncoding {

    /** windows-1252: the fallback for text that is not UTF-8. */
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * What was found.
     *
     * @param charset the encoding
     * @param bomLength bytes of byte order mark to skip at the start
     */
    record Detected(Charset charset, int bomLength) {
    }

    private TextEncoding() {
    }

    /**
     * The encoding of a file that starts with {@code sample[0..length)}.
     *
     * @param complete whether the sample is the whole file (else a multi-byte character cut at its
     *     end does not count against UTF-8)
     */
    static Detected detect(byte[] sample, int length, boolean complete) {
        if (length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB && (sample[2] & 0xff) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (sample[0] & 0xff) == 0xFF && (sample[1] & 0xff) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (sample[0] & 0xff) == 0xFE && (sample[1] & 0xff) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        Charset utf16 = utf16WithoutMark(sample, length);
        if (utf16 != null) {
            return new Detected(utf16, 0);
        }
        return new Detected(isUtf8(sample, length, complete) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
    }

    /** The byte order mark of {@code charset} at the start of the sample, if there is one: its length. */
    static int bomLength(Charset charset, byte[] sample, int length) {
        Detected detected = detect(sample, length, false);
        return detected.bomLength() > 0 && detected.charset().equals(charset) ? detected.bomLength() : 0;
    }

    private static Charset utf16WithoutMark(byte[] sample, int length) {
        int pairs = Math.min(length, 4096) / 2;
        if (pairs < 2) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }
        // Latin text in UTF-16 has a zero in nearly every pair, on one side only.
        if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.05) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean isUtf8(byte[] sample, int length, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample, 0, length);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, complete);
            if (result.isError()) {
                return false;
            }
            if (result.isOverflow()) {
                out.clear();
                continue;
            }
            // Underflow: everything decoded, or (sample cut short) at most one incomplete character left.
            if (complete) {
                try {
                    return !decoder.flush(out).isError();
                } catch (IllegalStateException e) {
                    return true;
                }
            }
            return in.remaining() < 4;
        }
    }

    /** Decodes the whole of a sample for sniffing; undecodable bytes become U+FFFD. */
    static String decode(byte[] sample, int offset, int length, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(sample, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
    }
}
