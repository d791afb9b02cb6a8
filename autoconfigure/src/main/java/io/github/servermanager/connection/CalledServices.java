package io.github.servermanager.connection;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Lets each {@code RestClient} and {@code RestTemplate} built from Spring Boot's builders
 * report the hosts its requests name (for a load-balanced client, the service ids) to the
 * record of its request factory ({@link SentRequests}), so that a ping of a service goes
 * through the factory of the client that calls it, whatever its library: the JDK client
 * has no hook of its own.
 * <p>
 * Boot builds the factory and then applies the customizers, on one thread; the factory
 * captured just before is the one of the client being customized. A request initializer
 * is used rather than an interceptor, which would make every request buffer its body.
 */
public final class CalledServices implements RestClientCustomizer, RestTemplateCustomizer {

	/**
	 * Creates the customizer.
	 */
	public CalledServices() {
	}

	@Override
	public void customize(RestClient.Builder builder) {
		SentRequests sent = SentRequests.takeForFactoryCaptured();
		if (sent != null) {
			builder.requestInitializer((request) -> sent.called(request.getURI()));
		}
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		SentRequests sent = SentRequests.takeForFactoryCaptured();
		if (sent != null) {
			restTemplate.getClientHttpRequestInitializers().add((request) -> sent.called(request.getURI()));
		}
	}

}
