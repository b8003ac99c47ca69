package dev.lambdaextension.docs.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The trimmed CloudFormation and SAM resource specification in
 * {@code deploy/resource-specification.json}: per resource type, its properties, the
 * required ones and the attributes {@code Fn::GetAtt} may read.
 */
final class ResourceSpecification {

	private final Map<String, Map<String, List<String>>> types;

	private ResourceSpecification(Map<String, Map<String, List<String>>> types) {
		this.types = types;
	}

	@SuppressWarnings("unchecked")
	static ResourceSpecification load() {
		try (InputStream in = ResourceSpecification.class.getResourceAsStream("/deploy/resource-specification.json")) {
			if (in == null) {
				throw new IllegalStateException("deploy/resource-specification.json is not on the test class path");
			}
			Map<String, Object> json = new Yaml().load(in);
			return new ResourceSpecification((Map<String, Map<String, List<String>>>) json.get("ResourceTypes"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean hasType(String type) {
		return this.types.containsKey(type);
	}

	List<String> properties(String type) {
		return this.types.get(type).get("Properties");
	}

	List<String> required(String type) {
		return this.types.get(type).get("Required");
	}

	List<String> attributes(String type) {
		return this.types.get(type).get("Attributes");
	}

}
