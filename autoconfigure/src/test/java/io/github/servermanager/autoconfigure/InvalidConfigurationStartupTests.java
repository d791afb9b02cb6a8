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
 * key, the value and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationStartupTests {

	@Test
	void unknownPingKindNamesTheKeyTheValueAndTheValidValues(CapturedOutput output) throws Exception {
		startFails("server-manager.services.backend.ping=udp");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: server-manager.services.backend.ping")
			.contains("Value: \"udp\"")
			.contains("The following values are valid:")
			.contains("HTTP_HEALTH")
			.contains("TCP");
	}

	@Test
	void badClusterSizeNamesTheKeyTheValueAndTheValidForms(CapturedOutput output) throws Exception {
		startFails("server-manager.cluster-size=many");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: server-manager.cluster-size")
			.contains("Value: \"many\"")
			.contains("use 'auto', 'self' or a whole number of at least 1");
	}

	@Test
	void outOfRangeValueNamesTheKeyTheValueAndItsOrigin(CapturedOutput output) throws Exception {
		startFails("server-manager.services.backend.ping-timeout=0s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: server-manager.services.backend.pingTimeout")
			.contains("Value: \"PT0S\"")
			.contains("Origin: \"server-manager.services.backend.ping-timeout\" from property source")
			.contains("Reason: must be a positive duration");
	}

	@Test
	void outOfRangeValueOfABracketedServiceIdNamesTheKeyAsWritten(CapturedOutput output) throws Exception {
		startFails("server-manager.services.[My.Service].ping-timeout=0s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: server-manager.services[My.Service].pingTimeout")
			.contains("Origin: \"server-manager.services.[My.Service].ping-timeout\" from property source")
			.contains("Reason: must be a positive duration");
	}

	@Test
	void negativeConnectionIdleBoundNamesTheKey(CapturedOutput output) throws Exception {
		startFails("server-manager.connection-max-idle-time=-1s");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: server-manager.connectionMaxIdleTime")
			.contains("Origin: \"server-manager.connection-max-idle-time\" from property source")
			.contains("Reason: must be a positive duration, or 0");
	}

	@Test
	void unknownSslBundleNamesTheKeyAndTheBundlesThatExist(CapturedOutput output) throws Exception {
		startFails("server-manager.services.backend.ssl-bundle=pings",
				"spring.ssl.bundle.pem.backends.truststore.certificate=classpath:ping-tls/server.crt");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'pings' for property 'server-manager.services.backend.ssl-bundle': it must be "
					+ "the name of an SSL bundle configured under spring.ssl.bundle.* (backends).")
			.contains("server-manager.services.backend.ssl-bundle=backends");
	}

	@Test
	void loadBalancerPresetNamesTheKeyAndTheWaysOut(CapturedOutput output) throws Exception {
		startFails("spring.cloud.loadbalancer.configurations=health-check");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Spring Cloud LoadBalancer preset 'health-check' is set by "
					+ "'spring.cloud.loadbalancer.configurations'")
			.contains("Remove 'spring.cloud.loadbalancer.configurations'")
			.contains("server-manager.services.<serviceId>.enabled=false")
			.contains("spring.cloud.loadbalancer.clients.<serviceId>.configurations=health-check")
			.contains("server-manager.enabled=false");
	}

	private static void startFails(String... properties) throws Exception {
		try (Backends backends = Backends.start(1)) {
			assertThatException().isThrownBy(() -> ClientApplication.start(backends, properties));
		}
	}

}
