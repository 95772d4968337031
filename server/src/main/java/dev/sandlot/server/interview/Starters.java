package dev.sandlot.server.interview;

import java.util.List;
import java.util.Map;

/**
 * What a blank pad starts with: the language's usual entry file with a hello-world in it
 * (an empty file for a language without one here), and the default rubric.
 */
final class Starters {

    static final List<String> DEFAULT_RUBRIC = List.of("Problem solving", "Code quality", "Communication", "Testing");

    /**
     * Distinct colours, each readable on white (contrast at least 4.5:1), given in join
     * order.
     */
    static final List<String> COLOURS = List.of("#0b6bcb", "#c2410c", "#15803d", "#7e22ce", "#be185d", "#0f766e",
            "#a16207", "#4338ca");

    private static final Map<String, String> HELLO = Map.of("python", "print(\"Hello, world!\")\n", "javascript",
            "console.log(\"Hello, world!\");\n", "typescript", "console.log(\"Hello, world!\");\n", "c", """
                    #include <stdio.h>

                    int main(void) {
                        printf("Hello, world!\\n");
                        return 0;
                    }
                    """, "cpp", """
                    #include <iostream>

                    int main() {
                        std::cout << "Hello, world!" << std::endl;
                    }
                    """, "rust", """
                    fn main() {
                        println!("Hello, world!");
                    }
                    """, "go", """
                    package main

                    import "fmt"

                    func main() {
                    	fmt.Println("Hello, world!")
                    }
                    """, "java", """
                    public class Main {
                        public static void main(String[] args) {
                            System.out.println("Hello, world!");
                        }
                    }
                    """, "bash", "echo \"Hello, world!\"\n", "perl", "print \"Hello, world!\\n\";\n");

    private Starters() {
    }

    static String hello(String language) {
        return HELLO.getOrDefault(language, "");
    }

    static String colour(int joined) {
        return COLOURS.get(joined % COLOURS.size());
    }

}
