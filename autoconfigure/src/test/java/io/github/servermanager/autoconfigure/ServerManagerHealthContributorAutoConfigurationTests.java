package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ServerManagerHealthContributor;
import io.github.servermanager.service.ServerManagerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition of {@link ServerManagerHealthContributorAutoConfiguration}, one per
 * test, and its place in the health groups.
 */
class ServerManagerHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				ServerManagerHealthContributorAutoConfiguration.class))
		.withBean(ServerManagerRegistry.class);

	@Test
	void contributorIsRegisteredUnderTheNameServermanager() {
		this.runner.run((
				context) -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("servermanager"))
					.isInstanceOf(ServerManagerHealthContributor.class));
	}

	@Test
	void nothingIsRegisteredWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerManagerHealthContributor.class));
	}

	@Test
	void nothingIsRegisteredWhenDisabled() {
		this.runner.withPropertyValues("management.health.servermanager.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerHealthContributor.class));
	}

	@Test
	void nothingIsRegisteredWithoutAServerManagerRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServerManagerHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerHealthContributor.class));
	}

	@Test
	void userDefinedContributorOfTheSameNameReplacesOurs() {
		this.runner.withUserConfiguration(UserContributorConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ServerManagerHealthContributor.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("servermanager"))
				.isSameAs(context.getBean("servermanagerHealthIndicator"));
		});
	}

	@Test
	void probeGroupsLeaveTheContributorOutByDefault() {
		this.runner.run((context) -> {
			HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
			assertThat(groups.get("liveness").isMember("servermanager")).isFalse();
			assertThat(groups.get("readiness").isMember("servermanager")).isFalse();
		});
	}

	@Test
	void readinessIncludesTheContributorWhenConfigured() {
		this.runner
			.withPropertyValues("management.endpoint.health.group.readiness.include=readinessState,servermanager")
			.run((context) -> {
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("servermanager")).isTrue();
				assertThat(groups.get("liveness").isMember("servermanager")).isFalse();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContributorConfiguration {

		@Bean
		HealthIndicator servermanagerHealthIndicator() {
			return () -> Health.up().build();
		}

	}

}
