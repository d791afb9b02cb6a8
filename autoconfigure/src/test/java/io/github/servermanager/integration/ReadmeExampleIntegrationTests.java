package io.github.servermanager.integration;

import java.time.Duration;

import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.ClientApplication;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application.yml shown in the README ({@code readme-example.yml}) starts and does
 * what the README says.
 */
class ReadmeExampleIntegrationTests {

	@Test
	void readmeExampleConfiguresEachServiceAsDocumented() throws Exception {
		try (Backends backends = Backends.start(3);
				ConfigurableApplicationContext client = ClientApplication.start(backends,
						"spring.config.import=classpath:readme-example.yml")) {
			RestClient restClient = client.getBean(RestClient.Builder.class).build();
			String front = restClient.get().uri("http://backend/whoami").retrieve().body(String.class);
			ManagedService backend = client.getBean(ServerManagerRegistry.class).find("backend").orElseThrow();
			assertThat(backend.manager().minReuse()).isEqualTo(Duration.ofMinutes(3));
			assertThat(backend.clusterSize()).isEqualTo(40);
			assertThat(backend.rebalanceNow().chosen()).isNotNull();
			assertThat(backends.all()).allSatisfy((server) -> assertThat(server.pings()).isZero());
			assertThat(front).isIn("s1", "s2", "s3");
			LoadBalancerClientFactory factory = client.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstance("backend")).isInstanceOf(FrontServerLoadBalancer.class);
			assertThat(factory.getInstance("legacy")).isInstanceOf(RoundRobinLoadBalancer.class);
		}
	}

}
