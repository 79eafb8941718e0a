//! Writes every seed to DIR/TARGET/NAME: `seeds ROOT DIR` (scripts/fuzz runs it).
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, dir] = args.as_slice() else {
        eprintln!("usage: seeds REPOSITORY-ROOT DIR");
        return ExitCode::from(2);
    };
    let seeds = iamplay_fuzz::seeds::seeds(std::path::Path::new(root));
    for seed in &seeds {
        let folder = std::path::Path::new(dir).join(seed.target);
        let written =
            std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(folder.join(&seed.name), &seed.data));
        if let Err(e) = written {
            eprintln!("{}: {e}", folder.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{} seeds in {dir}", seeds.len());
    ExitCode::SUCCESS
}
