package io.github.servermanager.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A few {@link Backend}s that together serve one service.
 */
public final class Backends implements AutoCloseable {

	private final List<Backend> backends;

	private Backends(List<Backend> backends) {
		this.backends = new CopyOnWriteArrayList<>(backends);
	}

	/**
	 * Starts {@code count} servers named s1, s2...
	 * @param count how many
	 * @return the running servers
	 * @throws IOException when a server cannot start
	 */
	public static Backends start(int count) throws IOException {
		List<Backend> started = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			started.add(Backend.start("s" + i));
		}
		return new Backends(started);
	}

	public List<Backend> all() {
		return this.backends;
	}

	public Backend named(String name) {
		return this.backends.stream()
			.filter((backend) -> backend.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No backend " + name));
	}

	/**
	 * Returns the Spring Cloud simple discovery properties that list these servers under
	 * a service id, with instance ids equal to their names.
	 * @param serviceId the service
	 * @return the properties
	 */
	public Map<String, Object> discoveryProperties(String serviceId) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < this.backends.size(); i++) {
			Backend backend = this.backends.get(i);
			String prefix = "spring.cloud.discovery.client.simple.instances." + serviceId + "[" + i + "].";
			properties.put(prefix + "uri", backend.uri());
			properties.put(prefix + "instance-id", backend.name());
		}
		return properties;
	}

	/**
	 * Brings every server back to how it started: a stopped one is started again on its
	 * port, and all answer at once with 200 and pass their health check.
	 * @throws IOException when a stopped server's port has been taken meanwhile
	 */
	public void restore() throws IOException {
		for (int i = 0; i < this.backends.size(); i++) {
			Backend backend = this.backends.get(i);
			if (!backend.isRunning()) {
				backend = Backend.start(backend.name(), backend.port());
				this.backends.set(i, backend);
			}
			backend.answerWith(200);
			backend.healthy(true);
			backend.hang(false);
		}
	}

	@Override
	public void close() {
		this.backends.forEach(Backend::close);
	}

}
