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
 * come and go, and being captured here must not keep one alive. Each comes with the
 * record of the servers it sent requests to, when its library reports them
 * ({@link SentRequests}), so that a ping can go through the client that calls the service
 * pinged.
 */
public final class CapturedClients
		implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> {

	private final List<Captured> clients = new CopyOnWriteArrayList<>();

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
		SentRequests sent = SentRequests.takeForClientBuilt();
		this.clients.removeIf((captured) -> captured.client().refersTo(null));
		if (this.clients.stream().noneMatch((captured) -> captured.client().refersTo(client))) {
			this.clients.add(new Captured(new WeakReference<>(client), sent));
			if (client instanceof ClientHttpRequestFactory) {
				SentRequests.factoryCaptured(sent);
			}
		}
	}

	/**
	 * Returns the clients captured and still alive.
	 * @return the factories and connectors
	 */
	public List<Object> alive() {
		return aliveWithRequests().stream().map(AliveClient::client).toList();
	}

	/**
	 * Returns the clients captured and still alive, each with the servers it sent to.
	 * @return the factories and connectors
	 */
	List<AliveClient> aliveWithRequests() {
		List<AliveClient> alive = new ArrayList<>();
		for (Captured captured : this.clients) {
			Object client = captured.client().get();
			if (client != null) {
				alive.add(new AliveClient(client, captured.sent()));
			}
		}
		return alive;
	}

	/**
	 * A captured client, held weakly.
	 *
	 * @param client the factory or connector
	 * @param sent the servers it sent to
	 */
	private record Captured(WeakReference<Object> client, SentRequests sent) {
	}

	/**
	 * A client that is still alive.
	 *
	 * @param client the factory or connector
	 * @param sent the servers it sent to
	 */
	record AliveClient(Object client, SentRequests sent) {
	}

}
