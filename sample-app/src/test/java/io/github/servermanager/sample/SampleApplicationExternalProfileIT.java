package io.github.servermanager.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app in its {@code external} profile: it starts no backend of its
 * own and calls the servers that {@code BACKEND_1..3} point at, here three servers of
 * this test.
 */
class SampleApplicationExternalProfileIT {

	@TempDir
	static Path workDir;

	static final List<HttpServer> servers = new ArrayList<>();

	static SampleProcess sample;

	@BeforeAll
	static void startServersAndSample() throws IOException {
		Map<String, String> environment = new HashMap<>();
		for (int n = 1; n <= 3; n++) {
			HttpServer server = startServer("external-server-" + n);
			servers.add(server);
			environment.put("BACKEND_" + n, "http://127.0.0.1:" + server.getAddress().getPort());
		}
		sample = SampleProcess.start(workDir, environment, "--spring.profiles.active=external");
	}

	@AfterAll
	static void stopSampleAndServers() {
		if (sample != null) {
			sample.close();
		}
		servers.forEach((server) -> server.stop(0));
	}

	@Test
	void callsOnlyTheConfiguredExternalServers() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Integer> servedBy = JsonPath.read(sample.get("/traffic"), "$.servedBy");
			assertThat(servedBy).isNotEmpty();
			assertThat(servedBy.keySet()).allMatch((name) -> name.startsWith("external-server-"));
		});
	}

	@Test
	void startsNoLocalBackend() throws Exception {
		assertThat(JsonPath.<List<Object>>read(sample.get("/backends"), "$")).isEmpty();
	}

	private static HttpServer startServer(String name) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			try (exchange) {
				byte[] body = name.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
		server.start();
		return server;
	}

}
