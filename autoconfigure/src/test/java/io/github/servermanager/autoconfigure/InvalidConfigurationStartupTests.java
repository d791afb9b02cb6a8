package io.github.servermanager.autoconfigure;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A client application with a bad value does not start, and the start-up report names the
 * key, the value and a valid example.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationStartupTests {

	@Test
	void invalidValueStopsStartupWithTheFailureAnalysis(CapturedOutput output) throws Exception {
		try (Backends backends = Backends.start(1)) {
			assertThatException()
				.isThrownBy(() -> ClientApplication.start(backends, "server-manager.services.backend.ping=udp"));
		}
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'udp' for property 'server-manager.services.backend.ping': it must be one of "
					+ "http, tcp, none.")
			.contains("server-manager.services.backend.ping=http");
	}

}
