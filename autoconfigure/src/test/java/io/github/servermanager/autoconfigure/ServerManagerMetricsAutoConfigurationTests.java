package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ServerManagerMetrics;
import io.github.servermanager.service.ServerManagerRegistry;
import io.github.servermanager.loadbalancer.ServerManagerServiceInstanceListSupplier;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition of {@link ServerManagerMetricsAutoConfiguration}, one per test.
 */
class ServerManagerMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
						CompositeMeterRegistryAutoConfiguration.class, ServerManagerMetricsAutoConfiguration.class))
		.withBean(ServerManagerRegistry.class);

	@Test
	void serviceCreatedAfterStartUpGetsMetersThatCountItsRebalances() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
					LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, ServerManagerMetricsAutoConfiguration.class))
			.withPropertyValues("spring.cloud.discovery.client.simple.instances.backend[0].uri=http://127.0.0.1:9001",
					"spring.cloud.discovery.client.simple.instances.backend[0].instance-id=b1",
					"server-manager.ping=none")
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find(ServerManagerMetrics.SERVERS).meters()).isEmpty();
				ServerManagerServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
					.getInstance("backend", ServerManagerServiceInstanceListSupplier.class);
				supplier.get().blockFirst();
				assertThat(meters.get(ServerManagerMetrics.SERVERS).tag("service", "backend").gauge().value()).isOne();
				supplier.getManagedService().rebalanceNow();
				assertThat(meters.get(ServerManagerMetrics.REBALANCES)
					.tags("service", "backend", "outcome", "healthy")
					.counter()
					.count()).isOne();
			});
	}

	@Test
	void nothingIsRegisteredWithoutMicrometer() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withConfiguration(AutoConfigurations.of(ServerManagerMetricsAutoConfiguration.class))
			.withBean(ServerManagerRegistry.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerManagerMetrics.class));
	}

	@Test
	void nothingIsRegisteredWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServerManagerMetricsAutoConfiguration.class))
			.withBean(ServerManagerRegistry.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerMetrics.class));
	}

	@Test
	void nothingIsRegisteredWithoutAServerManagerRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
							CompositeMeterRegistryAutoConfiguration.class, ServerManagerMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerMetrics.class));
	}

	@Test
	void userDefinedBinderReplacesOurs() {
		this.runner.withUserConfiguration(UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).getBean(ServerManagerMetrics.class)
				.isSameAs(context.getBean("userMetrics")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		ServerManagerMetrics userMetrics(ServerManagerRegistry registry) {
			return new ServerManagerMetrics(registry);
		}

	}

}
