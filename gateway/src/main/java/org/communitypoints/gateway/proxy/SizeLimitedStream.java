package org.communitypoints.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body of unannounced length (chunked) passed through to the service until it grows past the
 * limit; then the stream fails, the proxy resets the request to the service, and the caller gets 413.
 * Bodies with a Content-Length over the limit never get this far (platform-web's BodyLimitFilter).
 */
final class SizeLimitedStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long maxBytes;
    private long seen;
    private volatile boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    SizeLimitedStream(ReadStream<Buffer> source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            if (seen > maxBytes) {
                exceeded = true;
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new BodyTooLargeException(maxBytes));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
