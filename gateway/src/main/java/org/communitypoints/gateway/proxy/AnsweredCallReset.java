package org.communitypoints.gateway.proxy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * Keeps a late reset of a call to a service from closing a connection that already carries another call.
 *
 * <p>
 * Vert.x HTTP Proxy resets the call to the service whenever its caller's connection closes before the answer was
 * ended, and whenever piping the answer to the caller fails. A caller that reads its answer and hangs up at once (a
 * phone, a load tool, any {@code Connection: close} client) often closes while the gateway still ends the answer,
 * though the service's answer has come in whole: its connection is back in the pool then, and may already carry
 * another caller's call. Vert.x's HTTP/1.1 client closes the connection on a reset of a call whose answer has ended,
 * so that other call failed with "Connection was closed" (502): one call in 1,500 to 4,000 with callers hanging up
 * after each answer at a thousand calls a second (docs/benchmarks.md, 2026-12-05 20:13).
 *
 * <p>
 * So a reset goes through only while the service's answer has not begun: then the call is still the connection's
 * own, and closing it is how an HTTP/1.1 call is given up on. Once the answer has begun, the rest of it is read and
 * dropped instead, and the connection goes back to the pool when it ends. A long rest (an export whose caller left
 * midway) is not worth reading: past {@link #MAX_DRAINED_BYTES} the connection is closed, which is safe then, since
 * an answer still coming holds its connection. An answer that stops midway is cut off by the call's idle timeout.
 */
final class AnsweredCallReset {

    /** More than any JSON answer here, far less than an export. */
    static final long MAX_DRAINED_BYTES = 64 * 1024;

    private AnsweredCallReset() {
    }

    /** The call as the proxy sees it: every method is the call's own, but {@code reset} as described above. */
    static HttpClientRequest guard(HttpClientRequest call) {
        return (HttpClientRequest) Proxy.newProxyInstance(AnsweredCallReset.class.getClassLoader(),
                new Class<?>[] { HttpClientRequest.class }, (proxy, method, args) -> {
                    if (method.getName().equals("reset") && call.response().succeeded()) {
                        drain(call.response().result());
                        return false;
                    }
                    try {
                        return method.invoke(call, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void drain(HttpClientResponse answer) {
        try {
            AtomicLong drained = new AtomicLong();
            answer.handler(chunk -> {
                if (drained.addAndGet(chunk.length()) > MAX_DRAINED_BYTES) {
                    answer.request().connection().close();
                }
            });
            answer.resume();
        } catch (IllegalStateException ended) {
            // Vert.x's way of saying the answer has ended: nothing is left to read, the connection is the pool's.
        }
    }
}
