package io.github.servermanager.clients.httpservice;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Applications as a user would write them with HTTP Service Clients: the starter and one
 * group named after the service, backed by RestClient or by WebClient.
 */
final class HttpServiceClientsApplication {

	private HttpServiceClientsApplication() {
	}

	/**
	 * Starts an application.
	 * @param application {@link RestClientGroup} or {@link WebClientGroup}
	 * @param backends the servers of the service
	 * @param properties more properties, {@code key=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(Class<?> application, Backends backends, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>(
				backends.discoveryProperties(LoadBalancedClientContract.SERVICE));
		defaults.put("spring.application.name", "client");
		defaults.put("spring.main.banner-mode", "off");
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(defaults)
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = LoadBalancedClientContract.SERVICE, types = BackendService.class)
	static class RestClientGroup {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportHttpServices(group = LoadBalancedClientContract.SERVICE, types = BackendService.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientGroup {

	}

}
