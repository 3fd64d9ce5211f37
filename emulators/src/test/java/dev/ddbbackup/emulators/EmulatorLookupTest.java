package dev.ddbbackup.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorLookupTest {

    @TempDir
    Path dir;

    @Test
    void findOnPath_whenMotoServerIsAbsent_throwsWithInstallHint() {
        assertThatThrownBy(() -> MotoServer.findOnPath(dir.toString()))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessage("moto_server not found on PATH: pip install 'moto[server]'");
    }

    @Test
    void findOnPath_returnsFirstExecutableMotoServer() throws IOException {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path executable = Files.createFile(bin.resolve("moto_server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        Path found = MotoServer.findOnPath(dir + File.pathSeparator + bin);

        assertThat(found).isEqualTo(executable);
    }

    @Test
    void findExecJar_whenS3MockIsNotOnClassPath_throwsNamingTheDependency() {
        assertThatThrownBy(() -> S3Emulator.findExecJar(dir.toString()))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("com.adobe.testing:s3mock")
                .hasMessageContaining("<classifier>exec</classifier>");
    }

    @Test
    void findExecJar_picksTheExecJarAmongOthers() throws IOException {
        Path plain = Files.createFile(dir.resolve("s3mock-5.2.0.jar"));
        Path exec = Files.createFile(dir.resolve("s3mock-5.2.0-exec.jar"));

        Path found = S3Emulator.findExecJar(plain + File.pathSeparator + exec);

        assertThat(found).isEqualTo(exec);
    }
}
