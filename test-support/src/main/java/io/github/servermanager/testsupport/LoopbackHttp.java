package io.github.servermanager.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP calls from a test to an application under test on loopback, for example to a
 * gateway: nothing between them is load balanced.
 */
public final class LoopbackHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI base;

	/**
	 * Creates a client of one local port.
	 * @param port the port the application listens on
	 */
	public LoopbackHttp(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Sends a GET.
	 * @param path the path, starting with a slash
	 * @return the body of a 200 answer
	 * @throws IOException on an I/O failure, or when the answer is not 200
	 * @throws InterruptedException when interrupted while waiting
	 */
	public String get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(TIMEOUT).GET().build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
