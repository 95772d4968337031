package dev.sandlot.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImportPolicyTest {

    private final ImportPolicy policy = ImportPolicy.SEED_PLAYGROUND;

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "import os|os", "import math, os|os", "import os.path as p|os", "from os import path|os",
                    "from  urllib.request import urlopen|urllib", "x = 1; import sys|sys",
                    "if True: import subprocess|subprocess", "import json\\nimport socket|socket",
                    "data = open('f').read()|open", "eval('1+1')|eval", "__import__('os')|__import__",
                    "name = input()|input", "f = compile|compile", "print(1) \\\\\\n; import shutil|shutil", })
    void catchesForbiddenImportsAndBuiltins(String code, String name) {
        assertThat(policy.firstViolation(code.replace("\\n", "\n").replace("\\\\", "\\"))).contains(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "photos.append(1)", "import math, json", "print('import os')", "s = \"\"\"\nimport sys\n\"\"\"",
                    "# import os", "x.open()", "file.eval", "f(input=3)", "from . import helpers",
                    "from .os import thing", "def gen():\n    yield from range(3)", "raise ValueError('x') from None",
                    "importlib_like = 1", "osname = 'posix'", "s = r'\\' ; import os' if False else 1", })
    void allowsCodeThatOnlyLooksSimilar(String code) {
        assertThat(policy.firstViolation(code)).isEmpty();
    }

}
