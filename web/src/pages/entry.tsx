export default function Page() {
  return <h1>entry</h1>;
}
