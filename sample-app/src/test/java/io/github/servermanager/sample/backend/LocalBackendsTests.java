package io.github.servermanager.sample.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalBackendsTests {

	@Test
	void numbersBackendsFromOneAndRegistersEachWithItsInstanceIdAndPort() {
		try (LocalBackends backends = LocalBackends.start(2)) {
			LocalBackend second = backends.number(2).orElseThrow();

			assertThat(backends.number(0)).isEmpty();
			assertThat(backends.number(3)).isEmpty();
			assertThat(backends.discoveryProperties())
				.containsEntry("spring.cloud.discovery.client.simple.instances.backend[1].instance-id", "b2")
				.containsEntry("spring.cloud.discovery.client.simple.instances.backend[1].port", second.port())
				.containsEntry("spring.cloud.discovery.client.simple.instances.backend[1].uri",
						"http://127.0.0.1:" + second.port());
		}
	}

	@Test
	void rejectsANegativeCountNamingTheProperty() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> LocalBackends.start(-1))
			.withMessageContaining("sample.local-backends");
	}

}
