package dev.lambdaextension.docs.deploy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Checks the Terraform template's layer and function wiring, and that the check catches a
 * broken template.
 */
class TerraformTemplateTests {

	private final TerraformCheck check = new TerraformCheck();

	private final String template = DeployTemplates.read(DeployTemplates.TERRAFORM);

	@Test
	void templateShouldWireTheLayerIntoTheFunction() {
		assertThat(this.check.problems(TerraformBlocks.parse(this.template))).isEmpty();
	}

	@Test
	void templateShouldOfferBothArchitectures() {
		assertThat(TerraformBlocks.parse(this.template)).filteredOn((block) -> block.kind().equals("variable"))
			.filteredOn((block) -> block.labels().equals(List.of("architecture")))
			.singleElement()
			.satisfies((variable) -> assertThat(variable.arguments()).containsEntry("default", "\"x86_64\""));
		assertThat(this.template).contains("contains([\"x86_64\", \"arm64\"], var.architecture)");
	}

	@Test
	void functionWithoutTheLayerShouldFail() {
		String broken = this.template.replace("layers           = [aws_lambda_layer_version.invocation_reporter.arn]",
				"layers           = [aws_lambda_layer_version.invocation_reporter.layer_arn]");
		assertThat(this.check.problems(TerraformBlocks.parse(broken)))
			.containsExactly("aws_lambda_function.hello: layers does not read an aws_lambda_layer_version's arn");
	}

	@Test
	void layerThatDoesNotExistShouldFail() {
		String broken = this.template.replace("aws_lambda_layer_version.invocation_reporter.arn]",
				"aws_lambda_layer_version.reporter.arn]");
		assertThat(this.check.problems(TerraformBlocks.parse(broken)))
			.containsExactly("aws_lambda_function.hello: no aws_lambda_layer_version.reporter");
	}

	@Test
	void architecturesThatDisagreeShouldFail() {
		String broken = this.template.replace("architectures    = [var.architecture]",
				"architectures    = [\"arm64\"]");
		assertThat(this.check.problems(TerraformBlocks.parse(broken))).singleElement()
			.asString()
			.startsWith("aws_lambda_function.hello: architectures [\"arm64\"] differ from");
	}

	@Test
	void missingRequiredArgumentsAndUndeclaredVariablesShouldFail() {
		String broken = this.template.replace("  role             = aws_iam_role.hello.arn\n", "")
			.replace("filename                 = var.layer_zip", "filename                 = var.layer_file");
		assertThat(this.check.problems(TerraformBlocks.parse(broken))).containsExactlyInAnyOrder(
				"aws_lambda_function.hello: missing required argument role",
				"aws_lambda_function.hello: role is not the arn of an aws_iam_role in the template",
				"aws_lambda_layer_version.invocation_reporter: var.layer_file is not declared");
	}

	@Test
	void unclosedBlockShouldFailToParse() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TerraformBlocks.parse("resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n"))
			.withMessageContaining("is not closed");
	}

	@Test
	void terraformFmtShouldAcceptTheTemplateWhenInstalled() throws IOException, InterruptedException {
		Process fmt;
		try {
			fmt = new ProcessBuilder("terraform", "fmt", "-check", "-diff", DeployTemplates.TERRAFORM.toString())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			Assumptions.abort("terraform is not on the PATH: " + ex.getMessage());
			return;
		}
		assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).as("terraform fmt finished within 60 s").isTrue();
		String output = new String(fmt.getInputStream().readAllBytes());
		assertThat(fmt.exitValue()).as(output).isZero();
	}

}
