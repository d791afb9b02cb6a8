package io.github.servermanager.clients.gateway.webflux;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;
import io.github.servermanager.testsupport.LoopbackHttp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Cloud Gateway Server WebFlux application as a user would write it: the starter
 * and one route to {@code lb://backend}, configured by properties only.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class GatewayWebFluxApplication {

	private static final String ROUTE = "spring.cloud.gateway.server.webflux.routes[0].";

	/**
	 * Starts a gateway in front of {@code backends}.
	 * @param backends the servers of the service
	 * @param filters the route's filters, in shortcut form
	 * @return the running gateway
	 */
	static Gateway start(Backends backends, String... filters) {
		Map<String, Object> properties = new LinkedHashMap<>(
				backends.discoveryProperties(LoadBalancedClientContract.SERVICE));
		properties.put("spring.application.name", "gateway");
		properties.put("spring.main.banner-mode", "off");
		properties.put("server.port", 0);
		properties.put("server.address", "127.0.0.1");
		properties.put(ROUTE + "id", "backend");
		properties.put(ROUTE + "uri", "lb://" + LoadBalancedClientContract.SERVICE);
		properties.put(ROUTE + "predicates[0]", "Path=/whoami");
		for (int i = 0; i < filters.length; i++) {
			properties.put(ROUTE + "filters[" + i + "]", filters[i]);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayWebFluxApplication.class)
			.properties(properties)
			.run();
		return new Gateway(context);
	}

	/**
	 * A running gateway.
	 */
	static final class Gateway implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final LoopbackHttp http;

		private Gateway(ConfigurableApplicationContext context) {
			this.context = context;
			this.http = new LoopbackHttp(((WebServerApplicationContext) context).getWebServer().getPort());
		}

		String whoami() throws Exception {
			return this.http.get("/whoami");
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
