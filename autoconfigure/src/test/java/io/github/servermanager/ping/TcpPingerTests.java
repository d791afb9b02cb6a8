package io.github.servermanager.ping;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TcpPingerTests {

	private final TcpPinger pinger = new TcpPinger(Duration.ofMillis(500));

	@Test
	void listeningPortIsHealthy() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThat(this.pinger.ping(instanceOn(socket.getLocalPort()))).isTrue();
		}
	}

	@Test
	void closedPortThrows() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> this.pinger.ping(instanceOn(closedPort)));
	}

	@Test
	void nonPositiveTimeoutIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TcpPinger(Duration.ofSeconds(-1)))
			.withMessageContaining("timeout");
	}

	private DefaultServiceInstance instanceOn(int port) {
		return new DefaultServiceInstance("b1", "backend", InetAddress.getLoopbackAddress().getHostAddress(), port,
				false);
	}

}
