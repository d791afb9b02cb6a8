package io.github.servermanager.autoconfigure;

/**
 * A {@code server-manager.*} key has a value the server manager cannot run with.
 * {@link InvalidServerManagerPropertyFailureAnalyzer} turns it into a start-up report.
 */
public class InvalidServerManagerPropertyException extends RuntimeException {

	private final String key;

	private final String value;

	private final String requirement;

	private final String example;

	/**
	 * Creates an exception.
	 * @param key the full key, for example {@code server-manager.services.backend.ping}
	 * @param value the value as configured
	 * @param requirement what a valid value is, for example "a positive duration"
	 * @param example a valid value
	 */
	public InvalidServerManagerPropertyException(String key, Object value, String requirement, String example) {
		super("Invalid value '" + value + "' for '" + key + "': must be " + requirement + ", for example '" + key + ": "
				+ example + "'");
		this.key = key;
		this.value = String.valueOf(value);
		this.requirement = requirement;
		this.example = example;
	}

	public String getKey() {
		return this.key;
	}

	public String getValue() {
		return this.value;
	}

	public String getRequirement() {
		return this.requirement;
	}

	public String getExample() {
		return this.example;
	}

}
