package io.github.servermanager.ping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a ping does to its connection, against servers on raw sockets: it leaves no
 * connection open (the server it checked may stay at the back of the list for minutes,
 * and an idle pooled connection to it would be held all that time), and it gives the
 * thread back at its timeout whatever the server does. The servers count the connections
 * open on their side, which only the client can close.
 */
class HttpPingerConnectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

	/**
	 * Generous, for a loaded 2-core machine (the first TLS set-up of a JVM alone may take
	 * a second there): a ping that is not cut off runs for as long as the server
	 * trickles, which is forever. How soon the cut comes is measured by the benchmarks.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	/** A trickling server sends a byte this often, well within any read timeout here. */
	private static final long TRICKLE_MILLIS = 100;

	private final ExecutorService connections = Executors.newCachedThreadPool();

	private final ScheduledExecutorService trickles = Executors.newScheduledThreadPool(2);

	private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	/** Counted down when the client has closed a connection the server saw. */
	private final CountDownLatch closedByClient = new CountDownLatch(1);

	private ServerSocket server;

	HttpPingerConnectionTests() {
		this.deadlines.setRemoveOnCancelPolicy(true);
	}

	@AfterEach
	void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
		this.connections.shutdownNow();
		this.trickles.shutdownNow();
		this.deadlines.shutdownNow();
	}

	@Test
	void pingClosesItsConnection() throws Exception {
		listen(this::answerEveryRequest);
		HttpPinger pinger = new HttpPinger("/actuator/health", TIMEOUT, this.deadlines);
		assertThat(pinger.ping(instance(false))).isTrue();
		assertThat(this.requests).hasValue(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.open).hasValue(0));
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void repeatedPingsLeaveNoConnectionOpen() throws Exception {
		listen(this::answerEveryRequest);
		HttpPinger pinger = new HttpPinger("/actuator/health", TIMEOUT, this.deadlines);
		for (int i = 0; i < 5; i++) {
			assertThat(pinger.ping(instance(false))).isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.open).hasValue(0));
		assertThat(this.accepted).hasValue(5);
	}

	@Test
	void serverThatAcceptsAndNeverAnswersIsCutOffAtTheTimeout() throws Exception {
		listen(this::neverAnswer);
		assertCutOffAtTheTimeout(instance(false));
		assertThat(this.closedByClient.await(5, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void serverThatTricklesItsStatusLineIsCutOffAtTheTimeoutNotByEachRead() throws Exception {
		// A reason phrase that never ends, each byte well within the read timeout: only
		// the deadline ends this.
		listen((socket) -> trickle(socket, "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII), (byte) 'O'));
		assertCutOffAtTheTimeout(instance(false));
		assertThat(this.closedByClient.await(5, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void tlsServerThatNeverCompletesTheHandshakeIsCutOffAtTheTimeout() throws Exception {
		// The header of a handshake record of 16 KiB, whose body then comes a byte at a
		// time: the client reads on and on without a read ever timing out.
		byte[] recordHeader = { 0x16, 0x03, 0x03, 0x40, 0x00 };
		listen((socket) -> trickle(socket, recordHeader, (byte) 0));
		assertCutOffAtTheTimeout(instance(true));
		assertThat(this.closedByClient.await(5, TimeUnit.SECONDS)).as("server saw the connection closed").isTrue();
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void connectionMadeAfterTheDeadlineIsClosedUnused() throws Exception {
		listen(this::answerEveryRequest);
		// Runs each deadline at once, on the pinging thread: the deadline has passed
		// before the connection is made, as after a slow name lookup.
		ScheduledThreadPoolExecutor late = new ScheduledThreadPoolExecutor(1) {

			@Override
			public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
				command.run();
				return super.schedule(() -> {
				}, 0, unit);
			}

		};
		try {
			HttpPinger pinger = new HttpPinger("/actuator/health", TIMEOUT, late);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> pinger.ping(instance(false)));
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.open).hasValue(0));
			assertThat(this.accepted).hasValue(1);
			assertThat(this.requests).hasValue(0);
		}
		finally {
			late.shutdownNow();
		}
	}

	@Test
	void answerThatIsNotHttpThrows() throws Exception {
		listen((socket) -> {
			try (socket) {
				readRequestHead(socket.getInputStream());
				socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				// The client went first.
			}
		});
		HttpPinger pinger = new HttpPinger("/actuator/health", TIMEOUT, this.deadlines);
		assertThatIOException().isThrownBy(() -> pinger.ping(instance(false)))
			.withMessageContaining("Not an HTTP answer from http://127.0.0.1:" + this.server.getLocalPort());
	}

	private void assertCutOffAtTheTimeout(ServiceInstance instance) {
		HttpPinger pinger = new HttpPinger("/actuator/health", SHORT_TIMEOUT, this.deadlines);
		assertTimeoutPreemptively(SHORT_TIMEOUT.plus(MARGIN), () -> {
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> pinger.ping(instance))
				.withMessage("No answer from " + pinger.healthUri(instance) + " within " + SHORT_TIMEOUT);
			assertThat(Thread.currentThread().isInterrupted()).as("pinging thread interrupted").isFalse();
		});
		assertThat(this.deadlines.getQueue()).as("deadlines left scheduled").isEmpty();
	}

	private ServiceInstance instance(boolean secure) {
		return new DefaultServiceInstance("b1", "backend", "127.0.0.1", this.server.getLocalPort(), secure);
	}

	private void listen(Behaviour behaviour) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.connections.execute(() -> accept(behaviour));
	}

	private void accept(Behaviour behaviour) {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				this.connections.execute(() -> behaviour.serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/**
	 * Answers requests on one connection until the client closes it, whatever its
	 * Connection header says: only the client can make the count drop.
	 */
	private void answerEveryRequest(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			while (readRequestHead(in)) {
				this.requests.incrementAndGet();
				out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}
		catch (IOException ex) {
			// A reset by the client closes the connection as well.
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	/** Reads whatever comes and never writes, until the client closes the connection. */
	private void neverAnswer(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// Swallowed.
			}
		}
		catch (IOException ex) {
			// A reset by the client closes the connection as well.
		}
		finally {
			this.open.decrementAndGet();
			this.closedByClient.countDown();
		}
	}

	/**
	 * Writes the start, then the filler forever, one byte every {@link #TRICKLE_MILLIS},
	 * until a write fails because the client closed the connection.
	 */
	private void trickle(Socket socket, byte[] start, byte filler) {
		AtomicInteger written = new AtomicInteger();
		this.trickles.scheduleAtFixedRate(() -> {
			try {
				int next = written.getAndIncrement();
				socket.getOutputStream().write((next < start.length) ? start[next] : filler);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				this.open.decrementAndGet();
				this.closedByClient.countDown();
				closeQuietly(socket);
				throw new IllegalStateException("Closed by the client", ex);
			}
		}, 0, TRICKLE_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed anyway.
		}
	}

	/** Reads up to the blank line that ends a request head; false at end of stream. */
	private static boolean readRequestHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int b;
		while ((b = in.read()) != -1) {
			matched = (b == end[matched]) ? matched + 1 : (b == '\r') ? 1 : 0;
			if (matched == end.length) {
				return true;
			}
		}
		return false;
	}

	/** What a test server does with each connection it accepts. */
	@FunctionalInterface
	private interface Behaviour {

		void serve(Socket socket);

	}

}
