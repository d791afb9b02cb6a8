package io.github.servermanager.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One INFO line at start-up says that the server manager took effect, and how.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerManagerStartupReportTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(UtilAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
						LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client");

	@Test
	void saysOnceHowEveryServiceIsManagedAndWhichServicesDiffer(CapturedOutput output) {
		this.runner
			.withPropertyValues("server-manager.zone=eu-1", "server-manager.services.backend.ping=tcp",
					"server-manager.services.[Legacy.Api].enabled=false", "server-manager.services.same.min-reuse=5m")
			.run((context) -> assertThat(output).containsOnlyOnce("Server manager: every load-balanced service")
				.contains("ping http /actuator/health within 1000ms, front selection aperture, zone eu-1; "
						+ "backend (ping tcp within 1000ms, front selection aperture), Legacy.Api (not managed)")
				.doesNotContain("same ("));
	}

	@Test
	void saysNothingWhenTheStarterIsOff(CapturedOutput output) {
		this.runner.withPropertyValues("server-manager.enabled=false")
			.run((context) -> assertThat(output).doesNotContain("Server manager:"));
	}

}
