package dev.lambdaextension.docs.deploy;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template, turning the short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) into their long form ({@code Ref}, {@code Fn::GetAtt}, ...).
 */
final class CloudFormationYaml {

	private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
			"ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
			"Condition");

	private CloudFormationYaml() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(String yaml) {
		Object document = new Yaml(new Constructor()).load(yaml);
		if (!(document instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("A template is a YAML mapping");
		}
		return (Map<String, Object>) map;
	}

	private static final class Constructor extends SafeConstructor {

		Constructor() {
			super(new LoaderOptions());
			this.yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
			for (String function : FUNCTIONS) {
				this.yamlConstructors.put(new Tag("!" + function),
						new Intrinsic(function.equals("Condition") ? function : "Fn::" + function));
			}
		}

		private final class Intrinsic extends AbstractConstruct {

			private final String key;

			Intrinsic(String key) {
				this.key = key;
			}

			@Override
			public Object construct(Node node) {
				Object value;
				if (node instanceof ScalarNode scalar) {
					value = this.key.equals("Fn::GetAtt") ? List.of(scalar.getValue().split("\\.", 2)) : scalar.getValue();
				}
				else if (node instanceof SequenceNode sequence) {
					value = constructSequence(sequence);
				}
				else {
					value = constructMapping((MappingNode) node);
				}
				return Map.of(this.key, value);
			}

		}

	}

}
