package dev.parley.http.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Keeps each request's Content-Type exactly as the client sent it, for SigV4. pekko-http parses that header into its
 * model and renders it back normalised ({@code application/json; charset=utf-8} becomes {@code application/json}), so a
 * client that signed the header as sent could never be verified. Reading the inbound bytes of one connection, this tap
 * renames every {@code Content-Type} header of a request head to {@link #HEADER} (same length, so nothing else moves),
 * and pekko-http hands it over untouched as a raw header. A client's own header of that name is renamed to
 * {@link #SHADOWED}, so it cannot pose as one.
 *
 * <p>To find the heads it follows HTTP/1.1 message framing: a head ends at an empty line, and a body is Content-Length
 * bytes or chunked. Whatever it cannot follow (an over-long head, a malformed length or chunk size) it passes through
 * unchanged from then on; pekko-http refuses such a request and closes the connection.
 *
 * <p>Not thread-safe: one instance per connection, fed its bytes in order.
 */
public final class SignedContentTypeTap {

    /** The name a request's Content-Type arrives under. */
    public static final String HEADER = "X-Signed-Cty";

    static final String SHADOWED = "X-Shadow-Cty";

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_CHUNK_LINE_BYTES = 1024;
    private static final byte[] RENAMED = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHADOW = SHADOWED.getBytes(StandardCharsets.US_ASCII);

    private enum State {
        HEAD,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        PASS_THROUGH
    }

    private State state = State.HEAD;
    /** Bytes of the head, chunk-size line or trailer line not yet complete. */
    private final ByteStringBuilder pending = new ByteStringBuilder();
    /** Body or chunk bytes still to pass before the next framing element. */
    private long remaining;

    /** The bytes to hand to the HTTP parser for {@code input}: the same bytes, heads possibly held back or renamed. */
    public ByteString next(ByteString input) {
        ByteStringBuilder out = new ByteStringBuilder();
        ByteString rest = input;
        while (!rest.isEmpty()) {
            rest = switch (state) {
                case PASS_THROUGH -> {
                    out.append(rest);
                    yield ByteString.emptyByteString();
                }
                case BODY, CHUNK_DATA, CHUNK_END -> passBody(rest, out);
                case HEAD -> readHead(rest, out);
                case CHUNK_SIZE, TRAILERS -> readLine(rest, out);
            };
        }
        return out.result();
    }

    /** What was held back when the connection's input ends: an unfinished head goes on as it came. */
    public ByteString flush() {
        ByteString held = pending.result();
        pending.clear();
        return held;
    }

    private ByteString passBody(ByteString input, ByteStringBuilder out) {
        int take = (int) Math.min(remaining, input.size());
        out.append(input.take(take));
        remaining -= take;
        if (remaining == 0) {
            state = switch (state) {
                case CHUNK_DATA -> {
                    remaining = 2;
                    yield State.CHUNK_END;
                }
                case CHUNK_END -> State.CHUNK_SIZE;
                default -> State.HEAD;
            };
        }
        return input.drop(take);
    }

    private ByteString readHead(ByteString input, ByteStringBuilder out) {
        int already = pending.length();
        pending.append(input);
        ByteString held = pending.result();
        // The empty line may straddle what was held and what arrived.
        int end = held.indexOfSlice(ByteString.fromString("\r\n\r\n"), Math.max(0, already - 3));
        if (end < 0) {
            if (held.size() > MAX_HEAD_BYTES) {
                giveUp(out);
            }
            return ByteString.emptyByteString();
        }
        int headLength = end + 4;
        pending.clear();
        byte[] head = held.take(headLength).toArray();
        if (isOnlyLineBreaks(head)) {
            out.append(ByteString.fromArrayUnsafe(head));
        } else {
            out.append(ByteString.fromArrayUnsafe(renameAndFrame(head)));
        }
        return held.drop(headLength).compact();
    }

    /** Renames Content-Type headers in place and sets the state for the body the head announces. */
    private byte[] renameAndFrame(byte[] head) {
        long contentLength = 0;
        boolean chunked = false;
        int lineStart = indexOf(head, (byte) '\n', 0) + 1;
        while (lineStart < head.length) {
            int lineEnd = indexOf(head, (byte) '\n', lineStart);
            int colon = indexOf(head, (byte) ':', lineStart);
            if (lineEnd < 0 || colon < 0 || colon > lineEnd) {
                break;
            }
            String name = new String(head, lineStart, colon - lineStart, StandardCharsets.US_ASCII);
            String value = new String(head, colon + 1, lineEnd - colon - 1, StandardCharsets.US_ASCII).trim();
            if (name.equalsIgnoreCase("Content-Type")) {
                System.arraycopy(RENAMED, 0, head, lineStart, RENAMED.length);
            } else if (name.equalsIgnoreCase(HEADER)) {
                System.arraycopy(SHADOW, 0, head, lineStart, SHADOW.length);
            } else if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
            lineStart = lineEnd + 1;
        }
        if (contentLength < 0) {
            state = State.PASS_THROUGH;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            state = State.BODY;
            remaining = contentLength;
        } else {
            state = State.HEAD;
        }
        return head;
    }

    /** A chunk-size line, or a trailer line (the empty one ends the message). */
    private ByteString readLine(ByteString input, ByteStringBuilder out) {
        int already = pending.length();
        pending.append(input);
        ByteString held = pending.result();
        int end = held.indexOfSlice(ByteString.fromString("\r\n"), Math.max(0, already - 1));
        if (end < 0) {
            if (held.size() > MAX_CHUNK_LINE_BYTES) {
                giveUp(out);
            }
            return ByteString.emptyByteString();
        }
        pending.clear();
        String line = held.take(end).utf8String();
        out.append(held.take(end + 2));
        if (state == State.TRAILERS) {
            if (line.isEmpty()) {
                state = State.HEAD;
            }
        } else {
            int extension = line.indexOf(';');
            try {
                long size = Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
                if (size < 0) {
                    throw new NumberFormatException(line);
                }
                state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
                remaining = size;
            } catch (NumberFormatException e) {
                state = State.PASS_THROUGH;
            }
        }
        return held.drop(end + 2).compact();
    }

    private void giveUp(ByteStringBuilder out) {
        out.append(pending.result());
        pending.clear();
        state = State.PASS_THROUGH;
    }

    /** Empty lines before a request line, which HTTP allows; they carry no head. */
    private static boolean isOnlyLineBreaks(byte[] head) {
        for (byte b : head) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
