package io.github.servermanager.clients.gateway.mvc;

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
 * Spring Cloud Gateway Server Web MVC routing {@code lb://backend}, configured by
 * properties only, with no retry filter: the request that meets a stopped server fails.
 */
class GatewayMvcTests extends LoadBalancedClientContract {

	private LoopbackHttp gateway;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		Map<String, Object> properties = new LinkedHashMap<>(backends.discoveryProperties(SERVICE));
		properties.put("spring.application.name", "gateway");
		properties.put("server.port", 0);
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.cloud.gateway.server.webmvc.routes[0].id", "backend");
		properties.put("spring.cloud.gateway.server.webmvc.routes[0].uri", "lb://" + SERVICE);
		properties.put("spring.cloud.gateway.server.webmvc.routes[0].predicates[0]", "Path=/whoami");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
			.properties(properties)
			.run();
		this.gateway = new LoopbackHttp(((WebServerApplicationContext) context).getWebServer().getPort());
		return context;
	}

	@Override
	protected String whoami() throws Exception {
		return this.gateway.get("/whoami");
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return false;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class GatewayApplication {

	}

}
