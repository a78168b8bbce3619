import './boot-screen.css';

/** Shown while an end's code or the session is loading; plain CSS so it needs neither UI library. */
export function BootScreen() {
  return (
    <div className="boot-screen" role="progressbar" aria-busy="true">
      <div className="boot-screen__spinner" />
    </div>
  );
}
