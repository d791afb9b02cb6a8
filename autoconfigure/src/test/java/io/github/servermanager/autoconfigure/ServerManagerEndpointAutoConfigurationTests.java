package io.github.servermanager.autoconfigure;

import java.util.Set;

import io.github.servermanager.actuate.ServerManagerEndpoint;
import io.github.servermanager.actuate.ServerManagerEndpointWebExtension;
import io.github.servermanager.service.ServerManagerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each condition of {@link ServerManagerEndpointAutoConfiguration}, one per test.
 */
class ServerManagerEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(EndpointAutoConfiguration.class, ServerManagerEndpointAutoConfiguration.class))
		.withBean(ServerManagerRegistry.class);

	@Test
	void endpointAndWebExtensionAreRegisteredWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=servermanager")
			.run((context) -> assertThat(context).hasSingleBean(ServerManagerEndpoint.class)
				.hasSingleBean(ServerManagerEndpointWebExtension.class));
	}

	@Test
	void nothingIsRegisteredWhileTheEndpointIsNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerEndpoint.class)
			.doesNotHaveBean(ServerManagerEndpointWebExtension.class));
	}

	@Test
	void nothingIsRegisteredWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager",
					"management.endpoint.servermanager.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerEndpoint.class));
	}

	@Test
	void nothingIsRegisteredWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServerManagerEndpoint.class)
				.doesNotHaveBean(ServerManagerEndpointProperties.class));
	}

	@Test
	void nothingIsRegisteredWithoutAServerManagerRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ServerManagerEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerManagerEndpoint.class));
	}

	@Test
	void userDefinedEndpointAndExtensionReplaceOurs() {
		this.runner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager")
			.run((context) -> {
				assertThat(context).getBean(ServerManagerEndpoint.class).isSameAs(context.getBean("userEndpoint"));
				assertThat(context).getBean(ServerManagerEndpointWebExtension.class)
					.isSameAs(context.getBean("userExtension"));
			});
	}

	@Test
	void showMetadataAndRolesAreBound() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager",
					"server-manager.endpoint.show-metadata=when-authorized", "server-manager.endpoint.roles=ADMIN,OPS")
			.run((context) -> {
				ServerManagerEndpointProperties properties = context.getBean(ServerManagerEndpointProperties.class);
				assertThat(properties.getShowMetadata()).isEqualTo(Show.WHEN_AUTHORIZED);
				assertThat(properties.getRoles()).containsExactly("ADMIN", "OPS");
			});
	}

	@Test
	void metadataIsHiddenByDefault() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=servermanager")
			.run((context) -> assertThat(context.getBean(ServerManagerEndpointProperties.class).getShowMetadata())
				.isEqualTo(Show.NEVER));
	}

	@Test
	void invalidShowMetadataStopsTheApplicationNamingTheKey() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=servermanager",
					"server-manager.endpoint.show-metadata=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'server-manager.endpoint.show-metadata'")
				.rootCause()
				.hasMessageContaining("sometimes"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		ServerManagerEndpoint userEndpoint(ServerManagerRegistry registry) {
			return new ServerManagerEndpoint(registry, Show.ALWAYS);
		}

		@Bean
		ServerManagerEndpointWebExtension userExtension(ServerManagerEndpoint endpoint) {
			return new ServerManagerEndpointWebExtension(endpoint, Show.ALWAYS, Set.of());
		}

	}

}
