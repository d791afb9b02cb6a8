package io.github.servermanager.integration;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A service discovery knows nothing of gets Spring's "no instances" answer, and one log
 * line, however many requests ask for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoInstancesIntegrationTests {

	@Test
	void serviceWithoutInstancesFailsEachRequestButLogsOnce(CapturedOutput output) throws Exception {
		try (Backends backends = Backends.start(1);
				ConfigurableApplicationContext client = ClientApplication.start(backends,
						"spring.cloud.loadbalancer.retry.enabled=false")) {
			RestClient restClient = client.getBean(RestClient.Builder.class).build();
			for (int i = 0; i < 5; i++) {
				assertThatIllegalStateException()
					.isThrownBy(() -> restClient.get().uri("http://nobody/whoami").retrieve().body(String.class))
					.withMessageContaining("No instances available for nobody");
			}
		}
		assertThat(output.getOut().split("No instances available for service 'nobody'", -1)).hasSize(2);
	}

}
