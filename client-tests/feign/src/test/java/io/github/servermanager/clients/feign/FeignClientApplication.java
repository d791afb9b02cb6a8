package io.github.servermanager.clients.feign;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * An OpenFeign application as a user would write it: the starter and one
 * {@code @FeignClient} of the service, nothing else.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableFeignClients(clients = FeignClientApplication.BackendClient.class)
class FeignClientApplication {

	/**
	 * Starts a client of {@code backends}.
	 * @param backends the servers of the service
	 * @return the running application
	 */
	static ConfigurableApplicationContext start(Backends backends) {
		Map<String, Object> properties = new LinkedHashMap<>(
				backends.discoveryProperties(LoadBalancedClientContract.SERVICE));
		properties.put("spring.application.name", "client");
		properties.put("spring.main.banner-mode", "off");
		return new SpringApplicationBuilder(FeignClientApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	@FeignClient(name = LoadBalancedClientContract.SERVICE)
	interface BackendClient {

		@GetMapping("/whoami")
		String whoami();

	}

}
