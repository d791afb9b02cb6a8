package io.github.servermanager.connection;

import java.util.ArrayList;
import java.util.List;

import io.github.servermanager.testsupport.CountingBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two servers that count the connections they accept and hold, started before each test,
 * and the client application a test starts against them, both stopped after it.
 */
abstract class CountingBackendsTests {

	static final String SERVICE = "backend";

	final List<CountingBackend> backends = new ArrayList<>();

	ConfigurableApplicationContext client;

	@BeforeEach
	void startBackends() {
		this.backends.add(CountingBackend.start("s1"));
		this.backends.add(CountingBackend.start("s2"));
	}

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.close();
		}
		this.backends.forEach(CountingBackend::close);
	}

	CountingBackend backendNamed(String name) {
		return this.backends.stream().filter((backend) -> backend.name().equals(name)).findFirst().orElseThrow();
	}

}
