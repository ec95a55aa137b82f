import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy that delays every byte by the same time in each direction, as a network between the
 * service and its database would, and counts round trips: how often a client spoke again after
 * the server had answered. The benchmark puts it between the service, or pgbench, and PostgreSQL
 * (docs/performance.md, "What the network costs"), because this kernel has no netem qdisc for
 * {@code tc} to add the delay with.
 *
 * <pre>java bench/DelayProxy.java LISTEN_PORT TARGET_PORT DELAY_MICROS STATS_PORT</pre>
 *
 * Listens on 127.0.0.1 only, and forwards to 127.0.0.1:TARGET_PORT. A connection to STATS_PORT
 * reads one line, {@code round_trips=N connections=M}, counted since the proxy started.
 */
public class DelayProxy {

    private static final AtomicLong ROUND_TRIPS = new AtomicLong();
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final byte[] END = new byte[0];

    public static void main(String[] args) throws IOException {
        int listenPort = Integer.parseInt(args[0]);
        int targetPort = Integer.parseInt(args[1]);
        long delayNanos = Long.parseLong(args[2]) * 1_000;
        int statsPort = Integer.parseInt(args[3]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket stats = new ServerSocket(statsPort, 50, loopback);
        daemon(() -> {
            while (true) {
                try (Socket asking = stats.accept(); OutputStream out = asking.getOutputStream()) {
                    out.write(("round_trips=" + ROUND_TRIPS.get() + " connections=" + CONNECTIONS.get() + "\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try (ServerSocket listener = new ServerSocket(listenPort, 200, loopback)) {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(loopback, targetPort));
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                CONNECTIONS.incrementAndGet();
                AtomicBoolean serverSpokeLast = new AtomicBoolean(true); // the client speaks first
                Runnable closeBoth = closeOnSecondCall(client, server);
                pipe(client, server, delayNanos, () -> {
                    if (serverSpokeLast.getAndSet(false)) {
                        ROUND_TRIPS.incrementAndGet();
                    }
                }, closeBoth);
                pipe(server, client, delayNanos, () -> serverSpokeLast.set(true), closeBoth);
            }
        }
    }

    /**
     * Copies what {@code from} sends to {@code to}, each chunk {@code delayNanos} after it arrived;
     * at its end, passes the end on and runs {@code onEnd}.
     */
    private static void pipe(Socket from, Socket to, long delayNanos, Runnable onArrival, Runnable onEnd) {
        BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    onArrival.run();
                    inFlight.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, read)));
                }
            } catch (IOException closed) {
                // the other side went away: end the copy as for an end of stream
            }
            inFlight.add(new Chunk(System.nanoTime() + delayNanos, END));
        });
        daemon(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = inFlight.take();
                    for (long wait; (wait = chunk.due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.bytes == END) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(chunk.bytes);
                }
            } catch (IOException | InterruptedException closed) {
                // nothing left to deliver to
            } finally {
                onEnd.run();
            }
        });
    }

    private record Chunk(long due, byte[] bytes) {
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes both sockets once both directions have ended. */
    private static Runnable closeOnSecondCall(Socket a, Socket b) {
        AtomicLong calls = new AtomicLong();
        return () -> {
            if (calls.incrementAndGet() == 2) {
                closeQuietly(a);
                closeQuietly(b);
            }
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
