package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ServerManagerHealthContributor;
import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code servermanager} health contributor, when Spring Boot's health support is
 * present, unless {@code management.health.servermanager.enabled} is false. It shows in
 * the root health like every contributor, but an offline service reports OFFLINE, which
 * Spring Boot's aggregation leaves out: an outage of a downstream service must not make a
 * platform restart this application or take it out of rotation unless the user asks for
 * that with {@code server-manager.health.fail-when-offline}.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(ServerManagerRegistry.class)
public class ServerManagerHealthContributorAutoConfiguration {

	/**
	 * The enabled-indicator condition sits here rather than on the class, read only once
	 * the class condition has passed: an application without Spring Boot's health support
	 * must never have it loaded.
	 * @param registry the managed services
	 * @param environment holds whether an offline service fails the health
	 * @return the contributor
	 */
	@Bean
	@ConditionalOnEnabledHealthIndicator("servermanager")
	@ConditionalOnMissingBean(name = { "servermanagerHealthIndicator", "servermanagerHealthContributor" })
	public ServerManagerHealthContributor servermanagerHealthContributor(ServerManagerRegistry registry,
			Environment environment) {
		boolean failWhenOffline = environment.getProperty(ServerManagerProperties.PREFIX + ".health.fail-when-offline",
				Boolean.class, false);
		return new ServerManagerHealthContributor(registry, failWhenOffline);
	}

}
