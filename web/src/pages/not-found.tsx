export default function NotFound() {
  return (
    <>
      <h1>Not here</h1>
      <p>
        There is no page at this address. <a href="/">Back to the journal</a>.
      </p>
    </>
  );
}
