package io.github.servermanager.autoconfigure;

import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application without Spring Boot Actuator, its health support and Micrometer still
 * gets its server managers: every observability auto-configuration backs off without
 * touching a missing class.
 */
class ServerManagerWithoutObservabilityTests {

	@Test
	void loadBalancingWorksWithoutActuatorHealthOrMicrometer() {
		new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "org.springframework.boot.micrometer", "io.micrometer"))
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
					LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class,
					ServerManagerSchedulingAutoConfiguration.class, ServerManagerRefreshAutoConfiguration.class,
					ServerManagerEndpointAutoConfiguration.class, ServerManagerHealthContributorAutoConfiguration.class,
					ServerManagerMetricsAutoConfiguration.class))
			.withPropertyValues("spring.cloud.discovery.client.simple.instances.backend[0].uri=http://127.0.0.1:9001",
					"spring.cloud.discovery.client.simple.instances.backend[0].instance-id=b1",
					"management.endpoints.web.exposure.include=*", "server-manager.ping=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ServerManagerRegistry.class);
				assertThat(context.getBeanNamesForType(Object.class))
					.noneMatch((name) -> name.toLowerCase().contains("endpoint") || name.contains("HealthContributor")
							|| name.contains("Metrics"));
				LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
				assertThat(factory.getInstance("backend")).isInstanceOf(FrontServerLoadBalancer.class);
				factory.getInstance("backend", ServerManagerServiceInstanceListSupplier.class)
					.getManagedService()
					.rebalanceNow();
				assertThat(context.getBean(ServerManagerRegistry.class).find("backend")).isPresent();
			});
	}

}
