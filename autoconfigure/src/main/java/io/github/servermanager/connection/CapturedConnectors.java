package io.github.servermanager.connection;

import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Captures, into {@link CapturedClients}, every connector the builder behind
 * {@code WebClient.Builder} makes. A class of its own so that applications without
 * Reactor never load it.
 */
public final class CapturedConnectors implements ClientHttpConnectorBuilderCustomizer<ClientHttpConnectorBuilder<?>> {

	private final CapturedClients clients;

	/**
	 * Creates the customizer.
	 * @param clients where connectors are captured
	 */
	public CapturedConnectors(CapturedClients clients) {
		this.clients = clients;
	}

	@Override
	public ClientHttpConnectorBuilder<?> customize(ClientHttpConnectorBuilder<?> builder) {
		return withCapture(builder);
	}

	private <T extends ClientHttpConnector> ClientHttpConnectorBuilder<T> withCapture(
			ClientHttpConnectorBuilder<T> builder) {
		return builder.withCustomizer(this.clients::capture);
	}

}
