package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ServerManagerEndpoint;
import io.github.servermanager.actuate.ServerManagerEndpointWebExtension;
import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The {@code servermanager} actuator endpoint, when Spring Boot Actuator is present and
 * the endpoint is available (access not {@code none}, and exposed). The endpoint
 * conditions sit on the bean methods, read only once the class condition has passed: an
 * application without the actuator must never have them loaded.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ServerManagerRegistry.class)
@EnableConfigurationProperties(ServerManagerEndpointProperties.class)
@ImportRuntimeHints(ServerManagerEndpointRuntimeHints.class)
public class ServerManagerEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	public ServerManagerEndpoint serverManagerEndpoint(ServerManagerRegistry registry,
			ServerManagerEndpointProperties properties) {
		return new ServerManagerEndpoint(registry, properties.getShowMetadata());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ServerManagerEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	public ServerManagerEndpointWebExtension serverManagerEndpointWebExtension(ServerManagerEndpoint endpoint,
			ServerManagerEndpointProperties properties) {
		return new ServerManagerEndpointWebExtension(endpoint, properties.getShowMetadata(), properties.getRoles());
	}

}
