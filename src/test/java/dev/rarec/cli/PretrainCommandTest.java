package dev.rarec.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class PretrainCommandTest {
    private static PretrainCommand parse(String... args) {
        PretrainCommand command = new PretrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theIdEmbeddingAndSettingCurrentAreOnByDefault() {
        PretrainCommand command = parse();
        assertThat(command.idEmbedding).isTrue();
        assertThat(command.setCurrent).isTrue();
    }

    @Test
    void theirNegativeFormsTurnThemOff() {
        PretrainCommand command = parse("--no-id-embedding", "--no-set-current");
        assertThat(command.idEmbedding).isFalse();
        assertThat(command.setCurrent).isFalse();
    }

    @Test
    void theirPositiveFormsKeepThemOn() {
        PretrainCommand command = parse("--id-embedding", "--set-current");
        assertThat(command.idEmbedding).isTrue();
        assertThat(command.setCurrent).isTrue();
    }
}
