package io.github.servermanager.sample.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends the sample runs in its own JVM, named {@code b1}, {@code b2}, ... and
 * registered as instances of the service {@value #SERVICE_ID}.
 */
public final class LocalBackends implements AutoCloseable {

	/** The service id the sample calls: {@code http://backend/}. */
	public static final String SERVICE_ID = "backend";

	private static final Logger logger = LoggerFactory.getLogger(LocalBackends.class);

	private final List<LocalBackend> backends;

	private LocalBackends(List<LocalBackend> backends) {
		this.backends = List.copyOf(backends);
	}

	/**
	 * Starts {@code count} backends, each on its own free loopback port.
	 * @param count how many backends, 0 for none
	 * @return the running backends
	 */
	public static LocalBackends start(int count) {
		if (count < 0) {
			throw new IllegalArgumentException("sample.local-backends must be 0 or more, was " + count);
		}
		List<LocalBackend> started = new ArrayList<>();
		try {
			for (int n = 1; n <= count; n++) {
				LocalBackend backend = new LocalBackend("b" + n);
				backend.start();
				started.add(backend);
			}
		}
		catch (RuntimeException ex) {
			started.forEach(LocalBackend::stop);
			throw ex;
		}
		if (!started.isEmpty()) {
			logger.info("Started local backends {}", started);
		}
		return new LocalBackends(started);
	}

	public List<LocalBackend> all() {
		return this.backends;
	}

	/**
	 * The backend with the given 1-based number, as in its name {@code b<number>}.
	 * @param number the number
	 * @return the backend, empty when there is none with that number
	 */
	public Optional<LocalBackend> number(int number) {
		if (number < 1 || number > this.backends.size()) {
			return Optional.empty();
		}
		return Optional.of(this.backends.get(number - 1));
	}

	/**
	 * The names of the backends that are stopped right now.
	 * @return names in order
	 */
	public List<String> offline() {
		return this.backends.stream().filter((backend) -> !backend.isRunning()).map(LocalBackend::name).toList();
	}

	/**
	 * The properties that register every backend with Spring Cloud's
	 * SimpleDiscoveryClient, each with an explicit instance id and port.
	 * @return property names and values
	 */
	public Map<String, Object> discoveryProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < this.backends.size(); i++) {
			LocalBackend backend = this.backends.get(i);
			String prefix = "spring.cloud.discovery.client.simple.instances." + SERVICE_ID + "[" + i + "].";
			properties.put(prefix + "instance-id", backend.name());
			properties.put(prefix + "uri", "http://127.0.0.1:" + backend.port());
			properties.put(prefix + "host", "127.0.0.1");
			properties.put(prefix + "port", backend.port());
		}
		return properties;
	}

	/**
	 * Stops every backend; called by the application context when it closes.
	 */
	@Override
	public void close() {
		this.backends.forEach(LocalBackend::stop);
		if (!this.backends.isEmpty()) {
			logger.info("Stopped local backends {}",
					this.backends.stream().map(LocalBackend::name).collect(Collectors.joining(" ")));
		}
	}

}
