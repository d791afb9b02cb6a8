package io.github.servermanager.clients.feign;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The client contract run through {@link FeignClientApplication}'s {@code @FeignClient}.
 * OpenFeign picks its load-balancing client by the presence of Spring Retry, so each
 * subclass runs only in the Surefire execution whose class path matches it (see the pom)
 * and first checks which client OpenFeign picked.
 */
abstract class FeignClientTests extends LoadBalancedClientContract {

	private final boolean springRetry;

	private final Class<? extends feign.Client> loadBalancingClient;

	private FeignClientApplication.BackendClient client;

	/**
	 * Creates the tests of one class path.
	 * @param springRetry whether Spring Retry is on the class path
	 * @param loadBalancingClient the {@link feign.Client} OpenFeign then picks
	 */
	FeignClientTests(boolean springRetry, Class<? extends feign.Client> loadBalancingClient) {
		this.springRetry = springRetry;
		this.loadBalancingClient = loadBalancingClient;
	}

	@Override
	protected AutoCloseable startClient(Backends backends) {
		String withoutSpringRetry = System.getProperty("without-spring-retry");
		if (this.springRetry) {
			assumeThat(withoutSpringRetry).as("runs where Spring Retry is on the class path").isNull();
		}
		else {
			assumeThat(withoutSpringRetry).as("runs in the execution without Spring Retry").isEqualTo("true");
		}
		assertThat(ClassUtils.isPresent("org.springframework.retry.support.RetryTemplate", null))
			.isEqualTo(this.springRetry);
		ConfigurableApplicationContext context = FeignClientApplication.start(backends);
		assertThat(context.getBean(feign.Client.class)).isExactlyInstanceOf(this.loadBalancingClient);
		this.client = context.getBean(FeignClientApplication.BackendClient.class);
		return context;
	}

	@Override
	protected String whoami() {
		return this.client.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return this.springRetry;
	}

}
