package io.github.servermanager.connection;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The request factories (and, through {@link CapturedConnectors}, the reactive
 * connectors) that Spring Boot's builders made in the application, held weakly: clients
 * come and go, and being captured here must not keep one alive. A ping can go through the
 * application's client only when exactly one of them is alive, for then the pooled
 * connection the ping leaves is the one that client reuses.
 */
public final class CapturedClients
		implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> {

	private final List<WeakReference<Object>> clients = new CopyOnWriteArrayList<>();

	/**
	 * Creates an empty register.
	 */
	public CapturedClients() {
	}

	/** Captures every factory the builder behind {@code RestClient.Builder} makes. */
	@Override
	public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
		return withCapture(builder);
	}

	private <T extends ClientHttpRequestFactory> ClientHttpRequestFactoryBuilder<T> withCapture(
			ClientHttpRequestFactoryBuilder<T> builder) {
		return builder.withCustomizer(this::capture);
	}

	/**
	 * Captures a request factory or a reactive connector.
	 * @param client the client just built
	 */
	synchronized void capture(Object client) {
		this.clients.removeIf((reference) -> reference.refersTo(null));
		if (this.clients.stream().noneMatch((reference) -> reference.refersTo(client))) {
			this.clients.add(new WeakReference<>(client));
		}
	}

	/**
	 * Returns the clients captured and still alive.
	 * @return the factories and connectors
	 */
	public List<Object> alive() {
		List<Object> alive = new ArrayList<>();
		for (WeakReference<Object> reference : this.clients) {
			Object client = reference.get();
			if (client != null) {
				alive.add(client);
			}
		}
		return alive;
	}

}
