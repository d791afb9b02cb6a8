package io.github.servermanager.ping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ping leaves no connection open: the server it checked may stay at the back of the
 * list for minutes, and an idle pooled connection to it would be held all that time. The
 * server here keeps every connection alive until the client closes it, and counts the
 * connections open on its side.
 */
class HttpPingerConnectionTests {

	private final ExecutorService connections = Executors.newCachedThreadPool();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private ServerSocket server;

	@BeforeEach
	void start() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.connections.execute(this::accept);
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
		this.connections.shutdownNow();
	}

	@Test
	void pingClosesItsConnection() throws Exception {
		HttpPinger pinger = new HttpPinger("/actuator/health", Duration.ofSeconds(5));
		assertThat(pinger.ping(instance())).isTrue();
		assertThat(this.requests).hasValue(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.open).hasValue(0));
		assertThat(this.accepted).hasValue(1);
	}

	@Test
	void repeatedPingsLeaveNoConnectionOpen() throws Exception {
		HttpPinger pinger = new HttpPinger("/actuator/health", Duration.ofSeconds(5));
		for (int i = 0; i < 5; i++) {
			assertThat(pinger.ping(instance())).isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.open).hasValue(0));
		assertThat(this.accepted).hasValue(5);
	}

	private ServiceInstance instance() {
		return new DefaultServiceInstance("b1", "backend", "127.0.0.1", this.server.getLocalPort(), false);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.accepted.incrementAndGet();
				this.open.incrementAndGet();
				this.connections.execute(() -> serve(socket));
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
	private void serve(Socket socket) {
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

}
