package io.github.servermanager.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app running as a separate {@code java -jar} process on a random
 * port, which it reports through a port file.
 */
final class SampleProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final Path output;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SampleProcess(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.port = port;
	}

	/**
	 * Starts the jar named by the system property {@code sample.jar} (set by Failsafe)
	 * and waits until its health endpoint says UP.
	 * @param workDir a directory for the port file and the process output
	 * @param environment extra environment variables
	 * @param args extra application arguments
	 * @return the running process
	 */
	static SampleProcess start(Path workDir, Map<String, String> environment, String... args) {
		return start(workDir, environment, List.of(), args);
	}

	/**
	 * Starts the jar named by the system property {@code sample.jar} with options for the
	 * JVM and waits until its health endpoint says UP.
	 * @param workDir a directory for the port file and the process output
	 * @param environment extra environment variables
	 * @param jvmOptions options before {@code -jar}, such as system properties
	 * @param args extra application arguments
	 * @return the running process
	 */
	static SampleProcess start(Path workDir, Map<String, String> environment, List<String> jvmOptions, String... args) {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("system property sample.jar (set by the failsafe plugin)").isNotNull();
		assertThat(Path.of(jar)).as("the packaged sample app: run `./mvnw verify`, not the test alone").exists();
		Path portFile = workDir.resolve("sample.port");
		Path output = workDir.resolve("sample.log");
		List<String> command = new ArrayList<>(List.of(javaExecutable()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar, "--server.port=0"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().put(SampleApplication.PORT_FILE, portFile.toString());
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			await("the port file " + portFile).atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> failIfExited(process, output) && Files.exists(portFile) && Files.size(portFile) > 0);
			int port = Integer.parseInt(Files.readString(portFile).trim());
			SampleProcess sample = new SampleProcess(process, output, port);
			await("health UP").atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> "UP".equals(JsonPath.read(sample.get("/actuator/health"), "$.status")));
			return sample;
		}
		catch (IOException | RuntimeException | Error ex) {
			process.destroyForcibly();
			throw new AssertionError("The sample app did not start; its output:\n" + readOutput(output), ex);
		}
	}

	private static boolean failIfExited(Process process, Path output) {
		if (!process.isAlive()) {
			throw new AssertionError(
					"The sample app exited with " + process.exitValue() + "; its output:\n" + readOutput(output));
		}
		return true;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String readOutput(Path output) {
		try {
			return Files.readString(output);
		}
		catch (IOException ex) {
			return "(cannot read " + output + ": " + ex + ")";
		}
	}

	Process process() {
		return this.process;
	}

	String output() {
		return readOutput(this.output);
	}

	String get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	String post(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Posts a JSON body and returns the answer whatever its status.
	 * @param path the path
	 * @param json the body
	 * @return the answer
	 * @throws IOException on an I/O error
	 * @throws InterruptedException if interrupted
	 */
	HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("HTTP status of %s %s", response.request().method(), response.uri())
			.isEqualTo(200);
		return response.body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Sends SIGTERM, as Ctrl-C or a process manager would, and waits for the exit.
	 * @return whether the process exited in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean stop() throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/**
	 * Kills whatever is left, so that a failed test never leaves a process behind.
	 */
	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

}
