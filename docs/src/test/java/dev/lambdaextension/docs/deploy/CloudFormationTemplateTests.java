package dev.lambdaextension.docs.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the SAM and CloudFormation templates against the vendored resource specification,
 * and that the check catches what a broken template gets wrong.
 */
class CloudFormationTemplateTests {

	private final TemplateCheck check = new TemplateCheck(ResourceSpecification.load());

	@ParameterizedTest
	@ValueSource(strings = { "sam/template.yaml", "cloudformation/template.yaml" })
	void templateShouldMatchTheResourceSpecification(String template) {
		Map<String, Object> parsed = CloudFormationYaml.parse(DeployTemplates.read(DeployTemplates.ROOT.resolve(template)));
		assertThat(this.check.problems(parsed)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sam/template.yaml", "cloudformation/template.yaml" })
	void templateShouldAttachTheLayerToTheFunctionForBothArchitectures(String template) {
		String yaml = DeployTemplates.read(DeployTemplates.ROOT.resolve(template));
		Map<String, Object> parameters = section(CloudFormationYaml.parse(yaml), "Parameters");
		assertThat(section(parameters, "Architecture")).containsEntry("AllowedValues", List.of("x86_64", "arm64"));
		Map<String, Object> function = section(section(CloudFormationYaml.parse(yaml), "Resources"), "HelloFunction");
		Map<String, Object> properties = section(function, "Properties");
		assertThat(properties).containsEntry("Layers", List.of(Map.of("Ref", "InvocationReporterLayer")))
			.containsEntry("Architectures", List.of(Map.of("Ref", "Architecture")));
		Map<String, Object> layer = section(section(CloudFormationYaml.parse(yaml), "Resources"), "InvocationReporterLayer");
		assertThat(section(layer, "Properties")).containsEntry("CompatibleArchitectures",
				List.of(Map.of("Ref", "Architecture")));
	}

	@Test
	void samTemplateWithoutTransformShouldFail() {
		String yaml = DeployTemplates.read(DeployTemplates.SAM).replace("Transform: AWS::Serverless-2016-10-31\n", "");
		assertThat(this.check.problems(CloudFormationYaml.parse(yaml)))
			.contains("InvocationReporterLayer: AWS::Serverless::LayerVersion needs Transform: AWS::Serverless-2016-10-31");
	}

	@Test
	void missingRequiredPropertyShouldFail() {
		String yaml = DeployTemplates.read(DeployTemplates.SAM).replace("      ContentUri:", "      NotContentUri:");
		assertThat(this.check.problems(CloudFormationYaml.parse(yaml)))
			.contains("InvocationReporterLayer: missing required property ContentUri",
					"InvocationReporterLayer: unknown property NotContentUri for AWS::Serverless::LayerVersion");
	}

	@Test
	void unknownResourceTypeShouldFail() {
		String yaml = DeployTemplates.read(DeployTemplates.CLOUDFORMATION)
			.replace("Type: AWS::Lambda::LayerVersion", "Type: AWS::Lambda::Layer");
		assertThat(this.check.problems(CloudFormationYaml.parse(yaml)))
			.contains("InvocationReporterLayer: unknown resource type AWS::Lambda::Layer");
	}

	@Test
	void unresolvedReferencesShouldFail() {
		String yaml = DeployTemplates.read(DeployTemplates.CLOUDFORMATION)
			.replace("S3Bucket: !Ref LayerBucket", "S3Bucket: !Ref LayerBuckt")
			.replace("!GetAtt HelloFunctionRole.Arn", "!GetAtt HelloFunctionRole.Name")
			.replace("${AWS::Partition}", "${AWS::Partitio}")
			.replace("invocation-reporter-${Architecture}", "invocation-reporter-${Arch}");
		assertThat(this.check.problems(CloudFormationYaml.parse(yaml))).containsExactlyInAnyOrder(
				"Ref LayerBuckt: no parameter, resource or pseudo parameter of that name",
				"Fn::GetAtt HelloFunctionRole.Name: AWS::IAM::Role has no attribute Name",
				"Fn::Sub AWS::Partitio: no parameter, resource or pseudo parameter of that name",
				"Fn::Sub Arch: no parameter, resource or pseudo parameter of that name");
	}

	@Test
	void subWithVariableMapShouldResolveItsOwnNames() {
		String yaml = """
				Resources:
				  Role:
				    Type: AWS::IAM::Role
				    Properties:
				      AssumeRolePolicyDocument: {}
				      RoleName: !Sub
				        - "${Prefix}-${AWS::Region}-${Missing}"
				        - Prefix: !Ref AWS::StackName
				""";
		assertThat(this.check.problems(CloudFormationYaml.parse(yaml)))
			.containsExactly("Fn::Sub Missing: no parameter, resource or pseudo parameter of that name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sam/template.yaml", "cloudformation/template.yaml" })
	void cfnLintShouldAcceptTheTemplateWhenInstalled(String template) throws IOException, InterruptedException {
		Path path = DeployTemplates.ROOT.resolve(template);
		Process lint;
		try {
			lint = new ProcessBuilder("cfn-lint", path.toString()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			Assumptions.abort("cfn-lint is not on the PATH: " + ex.getMessage());
			return;
		}
		assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished within 120 s").isTrue();
		String output = new String(lint.getInputStream().readAllBytes());
		assertThat(lint.exitValue()).as(output).isZero();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(Map<String, Object> map, String key) {
		return (Map<String, Object>) map.get(key);
	}

}
