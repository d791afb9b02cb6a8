package io.github.servermanager.sample.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalBackendTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final LocalBackend backend = new LocalBackend("b7");

	@AfterEach
	void stop() {
		this.backend.stop();
	}

	@Test
	void answersEveryPathWithItsName() throws Exception {
		this.backend.start();

		assertThat(get("/").body()).isEqualTo("b7");
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(this.backend.requestsServed()).isEqualTo(2);
	}

	@Test
	void refusesConnectionsOnceStopped() throws Exception {
		this.backend.start();

		this.backend.stop();

		assertThat(this.backend.isRunning()).isFalse();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get("/"));
	}

	@Test
	void restartsOnTheSamePort() throws Exception {
		this.backend.start();
		int port = this.backend.port();
		get("/");
		this.backend.stop();

		this.backend.start();

		assertThat(this.backend.port()).isEqualTo(port);
		assertThat(get("/").body()).isEqualTo("b7");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + this.backend.port() + path);
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
