package dev.strait.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client that sends whatever frames a test asks for, valid or hostile, over prior-knowledge
 * h2c: HPACK by Netty's encoder (its own size check lifted), frames written by hand, and every frame
 * the server sends back recorded.
 */
final class RawHttp2 implements AutoCloseable {

    static final int DATA = 0x0, HEADERS = 0x1, RST_STREAM = 0x3, SETTINGS = 0x4, GOAWAY = 0x7, CONTINUATION = 0x9;
    static final int END_STREAM = 0x1, END_HEADERS = 0x4;

    record Frame(int type, int flags, int stream, byte[] payload) {
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder hpack = new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, false);
    final List<Frame> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    RawHttp2(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        try {
            hpack.configuration().maxHeaderListSize(0xFFFFFFFFL);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
        // The preface and our SETTINGS go out before the reader starts: the server may send its SETTINGS
        // at once, and an ACK written ahead of the preface is a protocol error.
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
        Thread.ofPlatform().daemon().start(this::read);
    }

    static Http2Headers request(String method, String path) {
        return new DefaultHttp2Headers().method(method).path(path).scheme("http").authority("127.0.0.1")
                .add("authorization", "Bearer " + GatewayHarness.KEY).add("content-type", "application/json");
    }

    void headers(int stream, Http2Headers headers, boolean endStream) throws IOException {
        ByteBuf block = Unpooled.buffer();
        try {
            hpack.encodeHeaders(stream, headers, block);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        block.release();
        headerBlock(stream, bytes, endStream);
    }

    /** A header block already HPACK-encoded (for hand-made ones), split into CONTINUATION frames as needed. */
    void headerBlock(int stream, byte[] block, boolean endStream) throws IOException {
        int max = 16_384;
        int at = 0;
        boolean first = true;
        do {
            int n = Math.min(max, block.length - at);
            boolean last = at + n == block.length;
            int flags = (last ? END_HEADERS : 0) | (first && endStream ? END_STREAM : 0);
            byte[] piece = java.util.Arrays.copyOfRange(block, at, at + n);
            frame(first ? HEADERS : CONTINUATION, flags, stream, piece);
            at += n;
            first = false;
        } while (at < block.length);
    }

    void data(int stream, String body, boolean endStream) throws IOException {
        frame(DATA, endStream ? END_STREAM : 0, stream, body.getBytes(StandardCharsets.UTF_8));
    }

    void reset(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, (byte) Http2Error.CANCEL.code()});
    }

    synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(9 + payload.length);
        frame.write(payload.length >>> 16);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
        frame.write(type);
        frame.write(flags);
        frame.write(stream >>> 24 & 0x7f);
        frame.write(stream >>> 16);
        frame.write(stream >>> 8);
        frame.write(stream);
        frame.write(payload);
        try {
            out.write(frame.toByteArray());
        } catch (IOException e) {
            // The server may close the connection on us mid-attack: that is an answer, not a test failure.
            if (!closed()) {
                throw e;
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    boolean awaitClose(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean closed() {
        return closed.getCount() == 0;
    }

    Frame goaway() {
        return received.stream().filter(f -> f.type() == GOAWAY).findFirst().orElse(null);
    }

    long count(int type, int errorCode) {
        return received.stream().filter(f -> f.type() == type && f.errorCode() == errorCode).count();
    }

    /** The value of a setting the server announced, or -1. */
    long setting(int id) {
        for (Frame f : received) {
            if (f.type() == SETTINGS && (f.flags() & 1) == 0) {
                for (int i = 0; i + 6 <= f.payload().length; i += 6) {
                    int key = ((f.payload()[i] & 0xff) << 8) | (f.payload()[i + 1] & 0xff);
                    if (key == id) {
                        return ((long) (f.payload()[i + 2] & 0xff) << 24) | ((f.payload()[i + 3] & 0xff) << 16)
                                | ((f.payload()[i + 4] & 0xff) << 8) | (f.payload()[i + 5] & 0xff);
                    }
                }
            }
        }
        return -1;
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                received.add(new Frame(type, flags, stream, payload));
                if (type == SETTINGS && (flags & 1) == 0) {
                    frame(SETTINGS, 1, 0, new byte[0]);
                }
            }
        } catch (IOException e) {
            // EOF or reset: the server closed the connection.
        } finally {
            closed.countDown();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
